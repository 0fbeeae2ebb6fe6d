namespace Platform.Contracts.Training;

/// <summary>
/// One candidate a run trained and compared (a model family, or the blend of two): its ROC-AUC out
/// of fold over k folds of train + validation (which chose the winner, for a table small enough to
/// fold), on the validation rows (which chose otherwise) and on the test rows (reported, never
/// compared), its file size and training time.
/// </summary>
public sealed record CandidateScore(
    string Family, double ValidationAuc, double TestAuc, long FileBytes, double TrainingSeconds, bool Chosen,
    double? CrossValidationAuc = null);
