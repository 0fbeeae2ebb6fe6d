using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Portal.Infrastructure;

/// <summary>The portal owns tenant registration; its tenant table is the source the services' copies come from.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : ServiceDbContext(options);

internal sealed class PortalDesignTimeFactory : DesignTimeDbContextFactory<PortalDbContext>;
