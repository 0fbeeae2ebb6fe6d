namespace Platform.Modeling.Onnx;

/// <summary>A fully connected layer's parameters: <see cref="Weight"/> is row-major [Outputs, Inputs], as torch stores it.</summary>
public sealed record DenseLayer(float[] Weight, float[] Bias, int Inputs, int Outputs);
