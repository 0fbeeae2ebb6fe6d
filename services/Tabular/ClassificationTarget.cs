namespace Platform.Tabular;

/// <summary>
/// What makes a column a classification target, shared by training (which refuses the rest) and
/// the portal (which says so before a deployment is made): two values are a binary task, more are
/// multiclass up to <see cref="MaxClasses"/>; beyond that the column is an id or a measurement.
/// </summary>
public static class ClassificationTarget
{
    public const int MaxClasses = 100;
}
