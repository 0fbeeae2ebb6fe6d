namespace Platform.Modeling.Training;

/// <summary>One finished epoch: losses are class-weighted cross-entropy; the AUC is on the validation split.</summary>
public sealed record EpochProgress(int Epoch, int MaxEpochs, double TrainLoss, double ValidationLoss, double ValidationAuc, TimeSpan Elapsed);
