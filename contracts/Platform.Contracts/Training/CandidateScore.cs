namespace Platform.Contracts.Training;

/// <summary>
/// One model family a run trained and compared: its ROC-AUC on the validation rows (which chose the
/// winner) and on the test rows (reported, never compared), its file size and training time.
/// </summary>
public sealed record CandidateScore(
    string Family, double ValidationAuc, double TestAuc, long FileBytes, double TrainingSeconds, bool Chosen);
