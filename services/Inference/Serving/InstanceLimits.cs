using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Serving;

/// <summary>
/// How many instances one predict request may carry and how big each may be (README, "Limits");
/// the refusals name them as the settings are named, in camel case.
/// </summary>
public sealed record InstanceLimits(int MaxInstances, int MaxProperties, int MaxBytes, long MaxImagePixels = InstanceLimits.DefaultMaxImagePixels)
{
    /// <summary>4 M pixels (2,000 × 2,000): a PNG of one colour that large compresses to a few kilobytes, and decoded it is 16 MB.</summary>
    public const long DefaultMaxImagePixels = 4_000_000;

    public ServiceLimit Instances => new("maxInstancesPerRequest", MaxInstances);
    public ServiceLimit Properties => new("maxInstanceProperties", MaxProperties);
    public ServiceLimit Bytes => new("maxInstanceBytes", MaxBytes);
    public ServiceLimit ImagePixels => new("maxImagePixels", MaxImagePixels);
}
