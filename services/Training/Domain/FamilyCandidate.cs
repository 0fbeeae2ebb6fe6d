using Platform.Contracts.Training;

namespace Platform.Training.Domain;

/// <summary>One candidate a run trained: cross-validation (or validation) ROC-AUC chose, test ROC-AUC is reported only.</summary>
public sealed class FamilyCandidate
{
    public required string Family { get; init; }
    public double ValidationAuc { get; init; }
    /// <summary>Out of fold over k folds of train + validation; null where the table was too large to fold and validation chose.</summary>
    public double? CrossValidationAuc { get; init; }
    public double TestAuc { get; init; }
    public long FileBytes { get; init; }
    public double TrainingSeconds { get; init; }
    public bool Chosen { get; init; }

    public static FamilyCandidate From(CandidateScore score) => new()
    {
        Family = score.Family, ValidationAuc = score.ValidationAuc, TestAuc = score.TestAuc,
        FileBytes = score.FileBytes, TrainingSeconds = score.TrainingSeconds, Chosen = score.Chosen,
        CrossValidationAuc = score.CrossValidationAuc,
    };
}
