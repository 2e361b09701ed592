using System.Text;

namespace CreativeGen.Ml.Lyrics.Corpus;

/// <summary>
/// Reads the Chicago Rhyming Poetry Corpus layout: one file per poet with "AUTHOR name", "TITLE title",
/// "RHYME a b a b" (one label per line of the next stanza; "a a *" repeats the pattern: aabbcc…),
/// an optional "RHYME-POEM" (ignored: the stanza's own scheme is what lyrics need), and a stanza running from its RHYME line to the next
/// directive (blank lines inside it are verse-paragraph breaks). Files come in mixed encodings (UTF-8, Latin-1); bytes that are not UTF-8 are read as Windows-1252-like Latin-1.
/// Stanzas whose line count differs from their scheme, and verse with no RHYME line, are dropped and counted, not guessed at.
/// </summary>
public static class PoemCorpus
{
    /// <summary>All stanzas of every *.txt file in <paramref name="folder"/> (sorted by name, so the order is stable).</summary>
    public static (IReadOnlyList<Stanza> Stanzas, CorpusReport Report) ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"poem folder not found: {folder}");
        var files = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new FileNotFoundException($"no poem files (*.txt) in {folder}");
        var stanzas = new List<Stanza>();
        var report = new CorpusReport(0, 0, 0, 0, 0, 0, 0);
        foreach (var file in files)
        {
            var (fileStanzas, fileReport) = ReadFile(file);
            stanzas.AddRange(fileStanzas);
            report = new CorpusReport(report.Files + 1, report.Poems + fileReport.Poems, report.Stanzas + fileReport.Stanzas,
                report.Lines + fileReport.Lines, report.DroppedSchemeMismatch + fileReport.DroppedSchemeMismatch,
                report.DroppedEmptyStanzas + fileReport.DroppedEmptyStanzas, report.UnannotatedLines + fileReport.UnannotatedLines);
        }
        return (stanzas, report);
    }

    public static (IReadOnlyList<Stanza> Stanzas, CorpusReport Report) ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"poem file not found: {path}", path);
        return Parse(Decode(File.ReadAllBytes(path)), path);
    }

    public static (IReadOnlyList<Stanza> Stanzas, CorpusReport Report) Parse(string text, string file)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var stanzas = new List<Stanza>();
        string? poet = null;
        var title = "";
        var poems = 0;
        var (mismatched, empty, unannotated) = (0, 0, 0);
        string? schemeSpec = null;
        var schemeLine = 0;
        var verse = new List<string>();

        void Close()
        {
            if (schemeSpec is null) return;
            if (verse.Count == 0) empty++;
            else if (ExpandScheme(schemeSpec, verse.Count, file, schemeLine) is { } scheme)
                stanzas.Add(new Stanza(poet!, title, scheme, [.. verse], file, schemeLine));
            else mismatched++;
            (schemeSpec, verse) = (null, []);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd();
            var (keyword, rest) = SplitDirective(line);
            switch (keyword)
            {
                case "AUTHOR":
                    Close();
                    if (rest.Length == 0) throw new PoemFormatException(file, number, "AUTHOR without a name");
                    poet = rest;
                    continue;
                case "TITLE":
                    Close();
                    RequirePoet(poet, file, number, "TITLE");
                    (title, poems) = (rest, poems + 1);
                    continue;
                case "RHYME":
                    Close();
                    RequirePoet(poet, file, number, "RHYME");
                    if (rest.Length == 0) throw new PoemFormatException(file, number, "RHYME without a scheme (expected labels such as 'a b a b')");
                    (schemeSpec, schemeLine) = (rest, number);
                    continue;
                case "RHYME-POEM":
                    continue;
            }
            // A blank line inside a stanza is a verse-paragraph break (long couplet runs have them): only a directive ends a stanza.
            if (line.Trim().Length == 0) continue;
            if (poet is null) throw new PoemFormatException(file, number, "verse before the AUTHOR line");
            if (schemeSpec is null)
            {
                unannotated++;  // some poems carry no RHYME annotation: without a scheme they teach nothing about rhyme
                continue;
            }
            verse.Add(line.Trim());
        }
        Close();
        if (poet is null) throw new PoemFormatException(file, 1, "no AUTHOR line: not a poem file of this corpus");
        var kept = stanzas.Sum(s => s.Lines.Count);
        return (stanzas, new CorpusReport(1, poems, stanzas.Count, kept, mismatched, empty, unannotated));
    }

    /// <summary>"a b a b" for 4 lines → abab; "a a *" for 6 lines → aabbcc; null when the count does not fit.</summary>
    public static char[]? ExpandScheme(string spec, int lineCount, string file, int lineNumber)
    {
        var labels = spec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var label in labels)
            if (label != "*" && !(label.Length == 1 && char.IsAsciiLetter(label[0])))
                throw new PoemFormatException(file, lineNumber, $"rhyme label '{label}' is not a single letter or '*'");
        if (labels[^1] == "*")
        {
            var pattern = labels[..^1].Select(l => char.ToLowerInvariant(l[0])).ToArray();
            if (pattern.Length == 0) throw new PoemFormatException(file, lineNumber, "'*' needs a pattern before it (e.g. 'a a *')");
            var distinct = pattern.Distinct().Count();
            return Enumerable.Range(0, lineCount)
                .Select(i => (char)(pattern[i % pattern.Length] + (i / pattern.Length) * distinct))
                .ToArray();
        }
        if (labels.Contains("*")) throw new PoemFormatException(file, lineNumber, "'*' may only end a scheme");
        return labels.Length == lineCount ? labels.Select(l => char.ToLowerInvariant(l[0])).ToArray() : null;
    }

    private static void RequirePoet(string? poet, string file, int number, string directive)
    {
        if (poet is null) throw new PoemFormatException(file, number, $"{directive} before the AUTHOR line");
    }

    private static (string Keyword, string Remainder) SplitDirective(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        var keyword = space < 0 ? line : line[..space];
        return keyword is "AUTHOR" or "TITLE" or "RHYME" or "RHYME-POEM" ? (keyword, space < 0 ? "" : line[(space + 1)..].Trim()) : ("", line);
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
