using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>
/// Adam with L2 weight decay, the same update as <c>torch.optim.Adam</c>, written so that every
/// <see cref="Scalar"/> handed to libtorch stays referenced until the call returns.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's optimizers pass temporary scalars (<c>value: -step_size</c>) whose handle is
/// read before the native call; nothing keeps the managed object alive during it, so a garbage
/// collection in between lets the finalizer free the native scalar while libtorch reads it
/// ("Expected false to be true" in <c>Scalar::toFloat</c> from <c>addcdiv_</c>, seen under load).
/// Here each scalar is a <c>using</c> local, alive until its scope ends, and no call relies on a
/// default alpha (<see cref="RootedScalars"/>).
/// </remarks>
public sealed class RootedAdam(IEnumerable<Parameter> parameters, double learningRate, double weightDecay,
    double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IDisposable
{
    private readonly (Parameter Value, Tensor Mean, Tensor Variance)[] _state = parameters
        .Select(p => (p, zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope()))
        .ToArray();
    private int _step;

    public void ZeroGrad()
    {
        foreach (var (parameter, _, _) in _state) parameter.grad?.zero_();
    }

    public void Step()
    {
        _step++;
        var biasCorrection1 = 1 - Math.Pow(beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(beta2, _step);
        using var decay = weightDecay.ToScalar();
        using var keepMean = beta1.ToScalar();
        using var addMean = (1 - beta1).ToScalar();
        using var keepVariance = beta2.ToScalar();
        using var addVariance = (1 - beta2).ToScalar();
        using var varianceCorrection = Math.Sqrt(biasCorrection2).ToScalar();
        using var eps = epsilon.ToScalar();
        using var stepSize = (-learningRate / biasCorrection1).ToScalar();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (parameter, mean, variance) in _state)
        {
            if (parameter.grad is not { } grad) continue;
            var gradient = weightDecay != 0 ? grad.add(parameter, decay) : grad;
            mean.mul_(keepMean).add_(gradient, addMean);
            variance.mul_(keepVariance).addcmul_(gradient, gradient, addVariance);
            var denominator = variance.sqrt().div_(varianceCorrection).add_(eps, RootedScalars.One);
            parameter.addcdiv_(mean, denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var (_, mean, variance) in _state)
        {
            mean.Dispose();
            variance.Dispose();
        }
    }
}
