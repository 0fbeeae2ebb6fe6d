namespace Platform.Inference.Domain;

/// <summary>
/// How a deployment's drift is watched, from its retraining policy: a window closes after
/// <see cref="WindowRows"/> rows or <see cref="WindowSeconds"/> seconds (if it has enough rows to
/// mean something), and a feature drifts when its PSI exceeds <see cref="PsiThreshold"/> in
/// <see cref="ConsecutiveWindows"/> windows in a row.
/// </summary>
public sealed record DriftSettings(double PsiThreshold, int ConsecutiveWindows, int WindowRows, int WindowSeconds)
{
    public static readonly DriftSettings Default = new(0.2, 2, 500, 300);
}
