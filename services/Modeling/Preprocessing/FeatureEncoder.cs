namespace Platform.Modeling.Preprocessing;

/// <summary>Turns one raw column into <see cref="Width"/> network inputs, with parameters learned on the train split.</summary>
public abstract record FeatureEncoder(string Column, int SourceIndex)
{
    public abstract int Width { get; }
}
