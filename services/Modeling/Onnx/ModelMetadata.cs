namespace Platform.Modeling.Onnx;

/// <summary>Keys of the metadata every classifier file carries; serving reads them to label its outputs.</summary>
public static class ModelMetadata
{
    /// <summary>JSON array of the class labels, aligned with the columns of the <c>probabilities</c> output.</summary>
    public const string Classes = "classes";
    public const string PositiveClass = "positive_class";
    public const string Target = "target";
    /// <summary>JSON array of {name, kind} in input order; kind is "numeric" (float input), "categorical" or "text" (string inputs; text is tokenized, ADR 32).</summary>
    public const string Features = "features";
    /// <summary>The kind of a feature a text model reads as free text (a string input it tokenizes).</summary>
    public const string TextFeature = "text";
    /// <summary>The kind of a feature an image model reads: a float tensor [N, channels, height, width] of 0–255 pixel values.</summary>
    public const string ImageFeature = "image";
    public const string Quantization = "quantization";
    /// <summary>The model family (<see cref="ModelFamilies"/>); a file without it is an MLP, written before families existed.</summary>
    public const string Family = "family";
    /// <summary>A distilled student's teacher: the SHA-256 of the file whose probabilities it learned (lineage inside the file).</summary>
    public const string DistilledFrom = "distilled_from";
    /// <summary>A text student's labeller when not its teacher: the SHA-256 of the teacher's int8 twin that gave the probabilities it learned (ADR 32).</summary>
    public const string LabelledBy = "labelled_by";
    /// <summary>A pruned network's record (JSON): each hidden layer's neurons before and kept, the criterion, the fine-tuning epochs, the parent's SHA-256.</summary>
    public const string Pruned = "pruned";
    /// <summary>A differentially private model's guarantee (JSON <c>DifferentialPrivacyRecord</c>): ε, δ, noise, clipping, sampling, steps, accountant.</summary>
    public const string DifferentialPrivacy = "differential_privacy";

    /// <summary><c>regression</c> in a regression file (one <see cref="ValueOutput"/>, no classes); absent in a classifier (ADR 31).</summary>
    public const string Task = "task";
    public const string RegressionTask = "regression";

    /// <summary>A model fine-tuned from a pretrained encoder: the encoder's name in the registry's catalog (lineage inside the file, ADR 32).</summary>
    public const string BaseModel = "base_model";
    /// <summary>A text model's tokens per text, [CLS] and [SEP] included: longer texts are cut there.</summary>
    public const string MaxTokens = "max_tokens";

    public const string LabelOutput = "label";
    /// <summary>A regression file's one output: [N,1] values in the target's units.</summary>
    public const string ValueOutput = "value";
    public const string ProbabilitiesOutput = "probabilities";
}
