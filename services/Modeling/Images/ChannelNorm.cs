using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Images;

/// <summary>
/// Batch normalisation over channels, through <c>nn.functional.batch_norm</c> (which takes its
/// momentum and epsilon as doubles), not TorchSharp's <c>BatchNorm2d</c>: that module counts
/// batches with <c>num_batches_tracked.add_(1)</c>, whose temporary <see cref="Scalar"/> a garbage
/// collection can free while libtorch reads it (see <see cref="Training.RootedScalars"/>; CI failed
/// with "argument alpha must not be a floating point number").
/// </summary>
internal sealed class ChannelNorm : nn.Module<Tensor, Tensor>
{
    public const double Epsilon = 1e-5;
    private const double Momentum = 0.1;

    public ChannelNorm(int channels) : base(nameof(ChannelNorm))
    {
        Scale = new Parameter(ones(channels));
        Shift = new Parameter(zeros(channels));
        register_parameter("weight", Scale);
        register_parameter("bias", Shift);
        RunningMean = zeros(channels);
        RunningVariance = ones(channels);
        register_buffer("running_mean", RunningMean);
        register_buffer("running_var", RunningVariance);
    }

    public Parameter Scale { get; }
    public Parameter Shift { get; }
    public Tensor RunningMean { get; }
    public Tensor RunningVariance { get; }

    /// <summary>
    /// Normalises by the running statistics in training too, and leaves them as they are: a pruned
    /// network's norms start as the identity (its teacher's were folded into the kernels) and must
    /// stay the function they compute while its weights are fine-tuned.
    /// </summary>
    public bool Frozen { get; set; }

    /// <summary>In training, normalises by the batch's statistics and moves the running ones towards them; in evaluation (or frozen), by the running ones.</summary>
    public override Tensor forward(Tensor x) =>
        nn.functional.batch_norm(x, RunningMean, RunningVariance, Scale, Shift, training && !Frozen, Momentum, Epsilon);
}
