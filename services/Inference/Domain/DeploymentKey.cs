namespace Platform.Inference.Domain;

/// <summary>Deployment names are unique per tenant only, so a deployment is known by both.</summary>
public readonly record struct DeploymentKey(Guid TenantId, string Name)
{
    public override string ToString() => $"{Name} ({TenantId})";
}
