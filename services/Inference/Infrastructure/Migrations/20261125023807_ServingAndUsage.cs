using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inference.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ServingAndUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Solution = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApiKeyPrefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ApiKeySha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ModelUri = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ModelSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    ModelSizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    PromotionMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    PromotedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deployments", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "usage_records",
                columns: table => new
                {
                    UsageId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Predictions = table.Column<int>(type: "integer", nullable: false),
                    ServedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_records", x => x.UsageId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_usage_records_TenantId_ServedAt",
                table: "usage_records",
                columns: new[] { "TenantId", "ServedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "usage_records");
        }
    }
}
