using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CreativeGen.Ml.Lyrics.Corpus;

/// <summary>Splits verse into lower-case words: accents dropped, curly apostrophes straightened, punctuation removed.</summary>
public static partial class LyricWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var decomposed = line.Replace('\u2019', '\'').Replace('\u2018', '\'').Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(char.ToLowerInvariant(c));
        return WordPattern().Matches(plain.ToString()).Select(m => m.Value).ToArray();
    }

    [GeneratedRegex("[a-z]+(?:'[a-z]+)*")]
    private static partial Regex WordPattern();
}
