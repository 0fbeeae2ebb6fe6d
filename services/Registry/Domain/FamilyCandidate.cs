using Platform.Contracts.Training;

namespace Platform.Registry.Domain;

/// <summary>
/// One model family the version's run trained and compared (the leaderboard): validation ROC-AUC
/// chose the winner, test ROC-AUC is kept to show, never to choose.
/// </summary>
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

    public CandidateScore ToContract() => new(Family, ValidationAuc, TestAuc, FileBytes, TrainingSeconds, Chosen);
}
