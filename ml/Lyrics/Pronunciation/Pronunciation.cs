namespace CreativeGen.Ml.Lyrics.Pronunciation;

/// <summary>
/// One way to say a word, as ARPAbet phones (vowels carry a stress digit: 1 primary, 2 secondary, 0 none).
/// <paramref name="FromDictionary"/> is false when the letter-to-sound rules guessed it.
/// </summary>
public sealed record Pronunciation(IReadOnlyList<string> Phones, bool FromDictionary = true)
{
    /// <summary>Stress per syllable (one entry per vowel phone).</summary>
    public IReadOnlyList<int> Stresses { get; } = Phones.Where(IsVowel).Select(phone => phone[^1] - '0').ToArray();

    public int Syllables => Stresses.Count;

    /// <summary>
    /// What two rhyming words share: the phones from the last primary-stressed vowel to the end, stress digits
    /// dropped ("nation" → EY SH AH N). Words without a primary stress (function words such as "the") rhyme from
    /// their last stressed vowel, else from their last vowel.
    /// </summary>
    public string RhymePart { get; } = FindRhymePart(Phones);

    /// <summary>True for an ARPAbet vowel (it ends in a stress digit).</summary>
    public static bool IsVowel(string phone) => phone.Length > 0 && char.IsAsciiDigit(phone[^1]);

    public static string StripStress(string phone) => IsVowel(phone) ? phone[..^1] : phone;

    public override string ToString() => string.Join(' ', Phones);

    private static string FindRhymePart(IReadOnlyList<string> phones)
    {
        var start = LastIndex(phones, phone => IsVowel(phone) && phone[^1] == '1');
        if (start < 0) start = LastIndex(phones, phone => IsVowel(phone) && phone[^1] == '2');
        if (start < 0) start = LastIndex(phones, IsVowel);
        return start < 0 ? string.Join(' ', phones) : string.Join(' ', phones.Skip(start).Select(StripStress));
    }

    private static int LastIndex(IReadOnlyList<string> phones, Func<string, bool> predicate)
    {
        for (var i = phones.Count - 1; i >= 0; i--)
            if (predicate(phones[i])) return i;
        return -1;
    }
}
