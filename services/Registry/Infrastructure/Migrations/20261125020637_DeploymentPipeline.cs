using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DeploymentPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Solution = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DatasetName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccuracyBudget = table.Column<double>(type: "double precision", nullable: false),
                    ApiKeyPrefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ApiKeySha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ActiveRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChampionVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ModelVersionCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Spec = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deployments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "model_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Technique = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ParentVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DatasetVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArtifactUri = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ArtifactSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Metrics = table.Column<string>(type: "jsonb", nullable: false),
                    TestAuc = table.Column<double>(type: "double precision", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PromotedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Compression = table.Column<string>(type: "jsonb", nullable: true),
                    Spec = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DatasetVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Epoch = table.Column<int>(type: "integer", nullable: false),
                    ValidationAuc = table.Column<double>(type: "double precision", nullable: true),
                    BaseVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PromotedVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pipeline_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deployments_TenantId_DatasetName",
                table: "deployments",
                columns: new[] { "TenantId", "DatasetName" });

            migrationBuilder.CreateIndex(
                name: "IX_deployments_TenantId_Name",
                table: "deployments",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_RunId",
                table: "model_versions",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_TenantId_DeploymentId_Number",
                table: "model_versions",
                columns: new[] { "TenantId", "DeploymentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pipeline_runs_TenantId_DeploymentId",
                table: "pipeline_runs",
                columns: new[] { "TenantId", "DeploymentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "model_versions");

            migrationBuilder.DropTable(
                name: "pipeline_runs");
        }
    }
}
