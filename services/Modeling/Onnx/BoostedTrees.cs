namespace Platform.Modeling.Onnx;

/// <summary>
/// A binary tree ensemble over the pipeline's feature vector, independent of the library that grew
/// it: score = <see cref="Bias"/> + the sum of each tree's leaf, and P(positive) =
/// 1 / (1 + exp(<see cref="Slope"/> × score + <see cref="Offset"/>)) (Platt scaling). A multiclass
/// model is one per class, that class against the rest.
/// </summary>
public sealed record BoostedTrees(IReadOnlyList<DecisionTree> Trees, double Bias, double Slope, double Offset);

/// <summary>
/// One regression tree. Internal node i sends a row whose feature <c>Features[i]</c> is at most
/// <c>Thresholds[i]</c> to <c>Left[i]</c>, else to <c>Right[i]</c>; a child below zero is the leaf
/// <c>~child</c>, whose value (the tree's weight included) is <c>Leaves[~child]</c>. A tree with no
/// internal node is its single leaf.
/// </summary>
public sealed record DecisionTree(int[] Features, float[] Thresholds, int[] Left, int[] Right, float[] Leaves);
