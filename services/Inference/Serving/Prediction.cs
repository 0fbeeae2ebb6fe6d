namespace Platform.Inference.Serving;

/// <summary>
/// One instance's answer: the predicted class and each class's probability, in the model's class
/// order. The API answers it with the id feedback names (<c>PredictionResponse</c>). A regression
/// model's answer is its <see cref="Value"/>; its label is that number as invariant text and it has
/// no probabilities (ADR 31).
/// </summary>
public sealed record Prediction(string Label, IReadOnlyDictionary<string, double> Probabilities, double? Value = null)
{
    /// <summary>A regression prediction's probabilities: none, one shared empty map rather than one a row.</summary>
    public static IReadOnlyDictionary<string, double> NoProbabilities => System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;
}
