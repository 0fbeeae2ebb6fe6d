using Platform.Contracts.Training;

namespace Platform.Training.Domain;

/// <summary>One family a run trained: validation ROC-AUC chose, test ROC-AUC is reported only.</summary>
public sealed class FamilyCandidate
{
    public required string Family { get; init; }
    public double ValidationAuc { get; init; }
    public double TestAuc { get; init; }
    public long FileBytes { get; init; }
    public double TrainingSeconds { get; init; }
    public bool Chosen { get; init; }

    public static FamilyCandidate From(CandidateScore score) => new()
    {
        Family = score.Family, ValidationAuc = score.ValidationAuc, TestAuc = score.TestAuc,
        FileBytes = score.FileBytes, TrainingSeconds = score.TrainingSeconds, Chosen = score.Chosen,
    };
}
