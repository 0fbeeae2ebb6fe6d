namespace Platform.AppHost.Local;

/// <summary>
/// A database on a server known only by its connection string (a local server, or one given in
/// configuration). The service creates it on first start: EF Core's migrate creates a missing database.
/// </summary>
public sealed class ServerDatabaseResource(string name, IResourceWithConnectionString server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent<IResourceWithConnectionString>
{
    public IResourceWithConnectionString Parent => server;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{server.ConnectionStringExpression};Database={Name}");
}

public static class ServerDatabaseExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddServerDatabase(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IResourceWithConnectionString> server)
    {
        var database = builder.AddResource(new ServerDatabaseResource(name, server.Resource))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Database",
                State = KnownResourceStates.Running,
                Properties = [],
            });
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(database.Resource);
    }
}
