using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Contracts.Api.Inference;

/// <summary><c>{"instances":[{"column": value, ...}, ...]}</c>; values are checked against the model's inputs.</summary>
public sealed record PredictRequest(JsonElement Instances);

/// <summary>The predictions in instance order, and the model version that made them (the one billed).</summary>
public sealed record PredictResponse(string DeploymentName, Guid ModelVersionId, IReadOnlyList<PredictionResponse> Predictions);

/// <summary>
/// One instance's answer: the predicted class and each class's probability, in the model's class
/// order; <see cref="PredictionId"/> is what feedback names to send its true label;
/// <see cref="Explanation"/> is there when <c>explain=true</c> asked for it. A regression model
/// answers <see cref="Value"/>, the predicted number; its <see cref="Label"/> is that number as
/// invariant text and it has no probabilities (ADR 31).
/// </summary>
public sealed record PredictionResponse(
    string Label, IReadOnlyDictionary<string, double> Probabilities, Guid PredictionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExplanationResponse? Explanation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value = null);

/// <summary>
/// Why the model scored an instance as it did (ADR 23), in log-odds of <see cref="Class"/>:
/// <see cref="BaseLogOdds"/> is the score of an instance with every input missing, and
/// <see cref="BaseLogOdds"/> + the <see cref="Contributions"/> + <see cref="Other"/> (the inputs
/// past the top k) = <see cref="LogOdds"/>, the instance's score. <see cref="Method"/> is
/// <c>exact</c> (logistic regression: the credits are its Shapley values; one order),
/// <c>tree-shap</c> (binary boosted trees: the exact Shapley values computed from the trees; no
/// order is sampled, so <see cref="Permutations"/> is 0), <c>deeplift</c> (binary and regression
/// networks with float weights: DeepLIFT's rescale rule from the weights, an approximation of the
/// Shapley values that adds up exactly; <see cref="Permutations"/> 0), <c>tree-shap+deeplift</c>
/// (a blend of boosted trees and a network: its members' credits carried through the mean by
/// DeepLIFT's rescale rule; adds up exactly; <see cref="Permutations"/> 0) or <c>sampled-shapley</c>
/// (int8 networks and multiclass models: Shapley values estimated from <see cref="Permutations"/> orders). A regression
/// model's explanation is of its value, in the target's units, not log-odds: <see cref="Class"/> is
/// the target's name (ADR 31).
/// </summary>
public sealed record ExplanationResponse(
    string Class, double BaseLogOdds, double LogOdds, IReadOnlyList<FeatureContribution> Contributions, double Other,
    string Method, int Permutations);

/// <summary>
/// What one input added to the score, in log-odds; positive pushes towards the explained class. For a
/// text model (method <c>occlusion</c>) the "input" is a word: <see cref="Start"/> and <see cref="Length"/>
/// say where it is in the text (UTF-16 characters), so it can be highlighted.
/// </summary>
public sealed record FeatureContribution(string Feature, double Contribution, int? Start = null, int? Length = null);
