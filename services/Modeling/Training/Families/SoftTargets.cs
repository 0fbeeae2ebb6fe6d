namespace Platform.Modeling.Training.Families;

/// <summary>
/// A teacher's class probabilities for a split's train and validation rows, in their order, each
/// row-major [rows, classes] as the teacher's file gives them.
/// </summary>
public sealed record SoftTargets(float[] Train, float[] Validation);
