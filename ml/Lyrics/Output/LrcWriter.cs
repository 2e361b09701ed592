using System.Globalization;
using System.Text;
using CreativeGen.Ml.Lyrics.Melody;

namespace CreativeGen.Ml.Lyrics.Output;

/// <summary>
/// Lyrics with timings in the LRC format: a "[mm:ss.xx]" tag at each line's first note, and the enhanced-LRC
/// "&lt;mm:ss.xx&gt;" tag before each word, so karaoke players can light the words one by one.
/// </summary>
public static class LrcWriter
{
    public static string Write(IReadOnlyList<SungSyllable> syllables, string title, string by = "CreativeGen")
    {
        var text = new StringBuilder();
        text.Append("[ti:").Append(title).Append("]\n[by:").Append(by).Append("]\n");
        foreach (var line in syllables.GroupBy(s => s.Line).OrderBy(g => g.Key))
        {
            var first = line.First();
            text.Append('[').Append(Stamp(first.StartSeconds)).Append(']');
            var words = line.Where(s => s.StartsWord).ToList();
            for (var i = 0; i < words.Count; i++)
            {
                if (i > 0) text.Append(' ');
                text.Append('<').Append(Stamp(words[i].StartSeconds)).Append('>').Append(words[i].Word);
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>mm:ss.xx (hundredths, rounded), minutes unbounded.</summary>
    public static string Stamp(double seconds)
    {
        var hundredths = (long)Math.Round(Math.Max(0, seconds) * 100, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{hundredths / 6000:00}:{hundredths / 100 % 60:00}.{hundredths % 100:00}");
    }
}
