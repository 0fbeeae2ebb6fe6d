using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inference.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReplicasAndQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LiveAt",
                table: "deployments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LiveModelVersionId",
                table: "deployments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PromotionCorrelationId",
                table: "deployments",
                type: "uuid",
                nullable: true);

            // Deployments serving before this migration were announced by the consumer already: not again.
            migrationBuilder.Sql("""UPDATE deployments SET "LiveModelVersionId" = "ModelVersionId", "LiveAt" = "PromotedAt" WHERE "ModelVersionId" IS NOT NULL""");

            migrationBuilder.CreateTable(
                name: "replicas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_replicas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_quotas",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Exceeded = table.Column<bool>(type: "boolean", nullable: false),
                    Quota = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Limit = table.Column<long>(type: "bigint", nullable: false),
                    Used = table.Column<long>(type: "bigint", nullable: false),
                    ResetsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_quotas", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "replica_models",
                columns: table => new
                {
                    ReplicaId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_replica_models", x => new { x.ReplicaId, x.TenantId, x.DeploymentName });
                    table.ForeignKey(
                        name: "FK_replica_models_replicas_ReplicaId",
                        column: x => x.ReplicaId,
                        principalTable: "replicas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_replica_models_TenantId_DeploymentName_ModelVersionId",
                table: "replica_models",
                columns: new[] { "TenantId", "DeploymentName", "ModelVersionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "replica_models");

            migrationBuilder.DropTable(
                name: "tenant_quotas");

            migrationBuilder.DropTable(
                name: "replicas");

            migrationBuilder.DropColumn(
                name: "LiveAt",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "LiveModelVersionId",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "PromotionCorrelationId",
                table: "deployments");
        }
    }
}
