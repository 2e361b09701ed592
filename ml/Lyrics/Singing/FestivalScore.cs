using System.Globalization;
using System.Text;
using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Lyrics.Pronunciation;

namespace CreativeGen.Ml.Lyrics.Singing;

/// <summary>
/// Festival's singing-mode input for one phrase: SINGING XML with one DURATION/PITCH pair per word, holding one
/// value per syllable (comma-separated; a melisma's notes joined by '+'), in seconds and hertz, so Festival's own
/// beat and note-name conventions (its BEATS divide by BPM/50; its "A5" is 440 Hz) never come into play. A lead-in
/// rest gives the first consonant room before the first note. Festival would syllabify words with its own lexicon,
/// which can disagree with CMUdict ("every": 2 or 3 syllables) and shift every later note, so each word also gets a
/// lexicon entry built from the pronunciation the lyrics were counted with.
/// </summary>
public static class FestivalScore
{
    public const double LeadInSeconds = 0.25;

    public static string Xml(IReadOnlyList<SungSyllable> phrase, int transpose)
    {
        var text = new StringBuilder();
        text.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE SINGING PUBLIC \"-//SINGING//DTD SINGING mark up//EN\" \"Singing.v0_1.dtd\" []>\n");
        text.Append("<SINGING BPM=\"60\">\n");
        text.Append(Invariant($"<REST SECONDS=\"{LeadInSeconds:0.###}\"></REST>\n"));
        foreach (var word in Words(phrase))
        {
            var durations = new List<string>();
            var pitches = new List<string>();
            for (var k = 0; k < word.Count; k++)
            {
                var syllable = word[k];
                var next = NextOnset(phrase, syllable);
                var notes = syllable.Notes;
                var parts = new List<string>();
                for (var n = 0; n < notes.Count; n++)
                {
                    var end = n + 1 < notes.Count ? notes[n + 1].StartSeconds : next ?? notes[n].EndSeconds;
                    parts.Add(Invariant($"{Math.Max(0.05, end - notes[n].StartSeconds):0.####}"));
                }
                durations.Add(string.Join('+', parts));
                pitches.Add(string.Join('+', notes.Select(note => Invariant($"{Hertz(FoldIntoVoice(note.Pitch + transpose)):0.###}"))));
            }
            text.Append("<DURATION SECONDS=\"").Append(string.Join(',', durations)).Append("\"><PITCH FREQ=\"")
                .Append(string.Join(',', pitches)).Append("\">").Append(word[0].Word).Append("</PITCH></DURATION>\n");
        }
        text.Append("</SINGING>\n");
        return text.ToString();
    }

    /// <summary>Scheme that adds each word of the phrase to Festival's lexicon with its counted syllables.</summary>
    public static string LexiconEntries(IReadOnlyList<SungSyllable> phrase, Lexicon lexicon)
    {
        var text = new StringBuilder();
        foreach (var word in phrase.Select(s => s.Word).Distinct(StringComparer.Ordinal))
        {
            var syllables = Syllabify(lexicon.Primary(word));
            text.Append("(lex.add.entry '(\"").Append(word).Append("\" nil (");
            foreach (var (phones, stress) in syllables) text.Append("((").Append(string.Join(' ', phones)).Append(") ").Append(stress).Append(')');
            text.Append(")))\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Splits phones into syllables, one per vowel: a single consonant between vowels starts the next syllable, a
    /// cluster gives its first consonant to the syllable before. Phones become Festival's (lower case, schwa "ax").
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Phones, int Stress)> Syllabify(Pronunciation.Pronunciation pronunciation)
    {
        var phones = pronunciation.Phones;
        var vowels = Enumerable.Range(0, phones.Count).Where(i => Pronunciation.Pronunciation.IsVowel(phones[i])).ToArray();
        var result = new List<(IReadOnlyList<string>, int)>();
        var start = 0;
        for (var v = 0; v < vowels.Length; v++)
        {
            int end;
            if (v == vowels.Length - 1) end = phones.Count;
            else
            {
                var consonants = vowels[v + 1] - vowels[v] - 1;
                end = vowels[v] + 1 + (consonants <= 1 ? 0 : 1);
            }
            var stress = phones[vowels[v]][^1] == '1' ? 1 : 0;
            result.Add((phones.Skip(start).Take(end - start).Select(FestivalPhone).ToArray(), stress));
            start = end;
        }
        return result;
    }

    /// <summary>The voice's range (MIDI pitches A2..A4, 110-440 Hz): Festival's kal voice crashes (SIGSEGV) on pitches above about 500 Hz.</summary>
    public const int LowestPitch = 45;
    public const int HighestPitch = 69;

    /// <summary>Moves a pitch by whole octaves into the voice's range, keeping its pitch class.</summary>
    public static int FoldIntoVoice(int pitch)
    {
        while (pitch > HighestPitch) pitch -= 12;
        while (pitch < LowestPitch) pitch += 12;
        return pitch;
    }

    public static double Hertz(int midiPitch) => 440.0 * Math.Pow(2, (midiPitch - 69) / 12.0);

    private static string FestivalPhone(string phone) => phone == "AH0" ? "ax" : Pronunciation.Pronunciation.StripStress(phone).ToLowerInvariant();

    private static IEnumerable<List<SungSyllable>> Words(IReadOnlyList<SungSyllable> phrase)
    {
        List<SungSyllable>? word = null;
        foreach (var syllable in phrase)
        {
            if (syllable.StartsWord) { if (word is not null) yield return word; word = []; }
            (word ??= []).Add(syllable);
        }
        if (word is { Count: > 0 }) yield return word;
    }

    /// <summary>The next syllable's start within the phrase (syllables are sung legato up to it); null for the last.</summary>
    private static double? NextOnset(IReadOnlyList<SungSyllable> phrase, SungSyllable syllable)
    {
        var index = IndexOf(phrase, syllable);
        return index + 1 < phrase.Count ? phrase[index + 1].StartSeconds : null;
    }

    private static int IndexOf(IReadOnlyList<SungSyllable> phrase, SungSyllable syllable)
    {
        for (var i = 0; i < phrase.Count; i++) if (ReferenceEquals(phrase[i], syllable)) return i;
        return -1;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
