using System.Text.Json;

namespace Platform.Contracts.Solutions;

/// <summary>The solutions on offer, read from the definitions embedded in this assembly; the services and the portal share them.</summary>
public static class SolutionTemplates
{
    public const string BinaryClassification = "binary-classification";

    /// <summary>One class of several: no positive class; probabilities for every class; macro ROC-AUC, accuracy, macro F1.</summary>
    public const string MulticlassClassification = "multiclass-classification";

    /// <summary>A number: a numeric target learned with squared error; one value per instance; RMSE, MAE, R² (ADR 31).</summary>
    public const string Regression = "regression";

    /// <summary>The tasks a deployment may declare.</summary>
    public static IReadOnlyList<string> Tasks { get; } = [BinaryClassification, MulticlassClassification, Regression];

    /// <summary>
    /// The test metric that chooses among a task's candidates, gates a compressed variant and decides
    /// a challenger: ROC-AUC (macro for multiclass), R² for regression. Both are higher-is-better and
    /// unit-free, so one accuracy budget and one promotion margin read the same way for every task.
    /// </summary>
    public static string QualityMetric(string? task) => task == Regression ? "r2" : "rocAuc";

    public static IReadOnlyList<SolutionTemplate> All { get; } = Load();

    public static SolutionTemplate? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static SolutionTemplate[] Load()
    {
        var assembly = typeof(SolutionTemplates).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Solutions.Definitions.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<SolutionTemplate>(stream, JsonSerializerOptions.Web)
                    ?? throw new InvalidDataException($"The solution definition {n} is empty.");
            })
            .ToArray();
    }
}
