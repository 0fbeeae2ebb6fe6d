using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Serving;

/// <summary>
/// How many instances one predict request may carry and how big each may be (README, "Limits");
/// the refusals name them as the settings are named, in camel case.
/// </summary>
public sealed record InstanceLimits(int MaxInstances, int MaxProperties, int MaxBytes)
{
    public ServiceLimit Instances => new("maxInstancesPerRequest", MaxInstances);
    public ServiceLimit Properties => new("maxInstanceProperties", MaxProperties);
    public ServiceLimit Bytes => new("maxInstanceBytes", MaxBytes);
}
