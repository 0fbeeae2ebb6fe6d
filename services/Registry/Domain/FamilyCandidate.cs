using Platform.Contracts.Training;

namespace Platform.Registry.Domain;

/// <summary>
/// One candidate the version's run trained and compared (the leaderboard): cross-validation ROC-AUC
/// (or validation, for a table too large to fold) chose the winner, test ROC-AUC is kept to show,
/// never to choose.
/// </summary>
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

    public CandidateScore ToContract() => new(Family, ValidationAuc, TestAuc, FileBytes, TrainingSeconds, Chosen, CrossValidationAuc);
}
