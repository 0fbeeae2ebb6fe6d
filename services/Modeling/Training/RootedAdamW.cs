using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// AdamW (decoupled weight decay, as <c>torch.optim.AdamW</c>) over groups with their own learning
/// rates, scaled per step by a schedule; every scalar handed to libtorch is rooted as in
/// <see cref="RootedAdam"/>. Fine-tuning uses it: the pretrained layers and a new head learn at
/// different rates, and biases and norms are not decayed.
/// </summary>
public sealed class RootedAdamW(IEnumerable<(Parameter Value, double LearningRate, bool Decay)> parameters, double weightDecay,
    double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IDisposable
{
    private readonly (Parameter Value, double LearningRate, bool Decay, Tensor Mean, Tensor Variance)[] _state = parameters
        .Select(p => (p.Value, p.LearningRate, p.Decay, zeros_like(p.Value).DetachFromDisposeScope(), zeros_like(p.Value).DetachFromDisposeScope()))
        .ToArray();
    private int _step;

    public IEnumerable<Parameter> Parameters => _state.Select(s => s.Value);

    public void ZeroGrad()
    {
        foreach (var state in _state) state.Value.grad?.zero_();
    }

    /// <param name="schedule">This step's multiplier of every group's learning rate (warm-up, decay).</param>
    public void Step(double schedule)
    {
        _step++;
        var biasCorrection1 = 1 - Math.Pow(beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(beta2, _step);
        using var keepMean = beta1.ToScalar();
        using var addMean = (1 - beta1).ToScalar();
        using var keepVariance = beta2.ToScalar();
        using var addVariance = (1 - beta2).ToScalar();
        using var varianceCorrection = Math.Sqrt(biasCorrection2).ToScalar();
        using var eps = epsilon.ToScalar();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (parameter, learningRate, decay, mean, variance) in _state)
        {
            if (parameter.grad is not { } grad) continue;
            var rate = learningRate * schedule;
            using var stepSize = (-rate / biasCorrection1).ToScalar();
            if (decay && weightDecay != 0)
            {
                using var shrink = (1 - rate * weightDecay).ToScalar();
                parameter.mul_(shrink);
            }
            mean.mul_(keepMean).add_(grad, addMean);
            variance.mul_(keepVariance).addcmul_(grad, grad, addVariance);
            var denominator = variance.sqrt().div_(varianceCorrection).add_(eps, RootedScalars.One);
            parameter.addcdiv_(mean, denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var state in _state)
        {
            state.Mean.Dispose();
            state.Variance.Dispose();
        }
    }
}
