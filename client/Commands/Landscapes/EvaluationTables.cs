using CreativeGen.Ml.Landscapes.Evaluation;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>Prints a <see cref="LandscapeEvaluationReport"/> as tables.</summary>
internal static class EvaluationTables
{
    public static void Print(LandscapeEvaluationReport report)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{report.Model}[/] (version {report.ModelVersion}, {report.TrainedSteps} steps, {report.TrainingCpuSeconds:F0} CPU s of training), {report.GeneratedPerCategory} generated per category. SWD ×10³, lower is closer.");
        var table = new Table().AddColumns("category", "SWD to val", "real floor (val vs train)", "classifier agreement", "diversity gen / real");
        for (var c = 0; c < report.Categories.Length; c++)
            table.AddRow(report.Categories[c], $"{report.SwdPerCategory[c]:F1}",
                report.SwdRealFloorPerCategory is { } floor ? $"{floor[c]:F1}" : "-",
                report.ClassifierAgreementPerCategory is { } agree ? $"{agree[c]:P0}" : "-",
                $"{report.GeneratedDiversityPerCategory[c]:F3} / {report.RealDiversityPerCategory[c]:F3}");
        table.AddRow("[bold]overall[/]", $"{report.SwdOverall:F1} (levels {string.Join(" / ", report.SwdOverallPerLevel.Select(v => v.ToString("F1")))})", "-",
            report.ClassifierAgreement is { } all ? $"{all:P0}" : "-", "");
        AnsiConsole.Write(table);

        var consistency = new Table().AddColumn("generated \\ real");
        foreach (var category in report.Categories) consistency.AddColumn(category);
        for (var g = 0; g < report.Categories.Length; g++)
        {
            var row = report.Consistency[g];
            var best = Array.IndexOf(row, row.Min());
            consistency.AddRow([report.Categories[g], .. row.Select((v, r) => r == best ? $"[bold]{v:F1}[/]" : $"{v:F1}")]);
        }
        AnsiConsole.Write(consistency);
        AnsiConsole.MarkupLineInterpolated($"category consistency: {report.ConsistentCategories}/{report.Categories.Length} categories closest to their own real images");
        if (report.ClassifierValAccuracy is { } accuracy) AnsiConsole.MarkupLineInterpolated($"classifier val accuracy: {accuracy:P1}");
        if (report.GeneratedBorders is { } borders && report.RealBorders is { } realBorders)
            AnsiConsole.MarkupLineInterpolated($"edge step / interior step (1 = no streak): generated {borders}; real {realBorders}");
        if (report.Memorization is { } m)
            AnsiConsole.MarkupLineInterpolated($"nearest training image (RMS, 32x32): generated median {m.GeneratedMedian:F3} min {m.GeneratedMinimum:F3}; val median {m.ValMedian:F3} min {m.ValMinimum:F3}; {m.GeneratedShareBelowValFifthPercentile:P1} of generated images are closer than the val 5th percentile ({m.ValFifthPercentile:F3})");
    }
}
