using TorchSharp;

namespace Platform.Modeling.Training;

/// <summary>
/// Scalars that live as long as the process, for the overloads that would otherwise make one.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>add(x)</c>, <c>add_(x)</c> and <c>square()</c> call <c>add(x, 1)</c> and
/// <c>pow(2)</c> with a temporary <see cref="Scalar"/>; nothing references it once its handle is read,
/// so a garbage collection during the native call lets the finalizer free the value libtorch is
/// reading ("Expected false to be true" from <c>Scalar::toFloat</c>, seen in CI from
/// <c>add_(eps)</c>; dotnet/TorchSharp#1434). Code here passes every scalar explicitly, either one of
/// these or a <c>using</c> local alive until its call returns.
/// </remarks>
public static class RootedScalars
{
    public static readonly Scalar One = 1.0.ToScalar();
}
