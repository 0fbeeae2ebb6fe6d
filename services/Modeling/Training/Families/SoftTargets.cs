namespace Platform.Modeling.Training.Families;

/// <summary>A teacher's positive-class probabilities for a split's train and validation rows, in their order.</summary>
public sealed record SoftTargets(float[] Train, float[] Validation)
{
    /// <summary>Row-major [rows, 2]: the negative class's probability, then the positive's.</summary>
    public static float[] Pairs(float[] positive)
    {
        var pairs = new float[positive.Length * 2];
        for (var i = 0; i < positive.Length; i++) (pairs[2 * i], pairs[2 * i + 1]) = (1 - positive[i], positive[i]);
        return pairs;
    }
}
