using Platform.Contracts.Solutions;
using Platform.Contracts.Training;
using Platform.Modeling.Data;
using Platform.Modeling.Privacy;
using Platform.Modeling.Text;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular;

namespace Platform.Training.Domain;

/// <summary>
/// The families a run chooses among, from its data and spec. A free-text feature is learned by a
/// small CNN from scratch and by fine-tuning a pretrained encoder (ADR 32); a private deployment
/// trains the DP-SGD network alone: the other families would learn the protected rows without
/// noise (ADR 28); otherwise the tabular families (ADR 22). The spec's <see cref="ModelSpec.Families"/>
/// keeps only those it allows; if that leaves none, the run cannot be trained, and says why.
/// </summary>
public static class FamilyMenu
{
    public static (IReadOnlyList<IClassifierFamily> Families, string? TextColumn) For(ColumnarTable data, ModelSpec spec, TextModelOptions text)
    {
        var textColumn = TextFeature(data, spec);
        IReadOnlyList<IClassifierFamily> fitting = textColumn is not null
            ? [new TextCnnFamily(textColumn, maxTokens: text.MaxTokens), new FineTunedEncoderFamily(textColumn, options: text)]
            : spec.TargetEpsilon is { } epsilon
                ? [new PrivateNetworkFamily(new DifferentialPrivacyOptions(epsilon))]
                : FamilySelectionTrainer.DefaultFamilies();
        if (spec.Families is not { } allowed) return (fitting, textColumn);
        var kept = fitting.Where(f => allowed.Contains(f.Name)
            || (f.Name == TrainingFamilies.LogisticRegression && allowed.Contains(TrainingFamilies.LinearRegression))).ToList();
        if (kept.Count > 0) return (kept, textColumn);
        var learner = textColumn is not null ? $"the free-text column '{textColumn}'" : spec.TargetEpsilon is not null ? "a private deployment" : "a table without free text";
        throw new InvalidTrainingDataException(
            $"The deployment allows only {string.Join(", ", allowed)}; {learner} is learned by {string.Join(", ", fitting.Select(f => f.Name))}.");
    }

    /// <summary>
    /// An image dataset is learned by the image CNN alone (ADR 34): as classes, without the DP-SGD
    /// guarantee (trained for tables), and only where the spec allows the family.
    /// </summary>
    public static void ForImages(ModelSpec spec)
    {
        if (spec.Task == SolutionTemplates.Regression)
            throw new InvalidTrainingDataException("An image dataset is learned as classes of its label; it has no regression target.");
        if (spec.TargetEpsilon is not null)
            throw new InvalidTrainingDataException("Differential privacy is trained for tables (ADR 28); an image dataset is learned by the image CNN without it.");
        if (spec.Families is { } allowed && !allowed.Contains(TrainingFamilies.ImageCnn))
            throw new InvalidTrainingDataException($"The deployment allows only {string.Join(", ", allowed)}; an image dataset is learned by {TrainingFamilies.ImageCnn}.");
    }

    /// <summary>The longest prose column among the features, if any (<see cref="FreeText.IsProse"/>).</summary>
    private static string? TextFeature(ColumnarTable data, ModelSpec spec) =>
        data.Columns.Where(c => c.Name != spec.TargetColumn
                && (spec.FeatureColumns is null || spec.FeatureColumns.Contains(c.Name)) && FreeText.IsProse(c))
            .MaxBy(FreeText.AverageLength)?.Name;
}
