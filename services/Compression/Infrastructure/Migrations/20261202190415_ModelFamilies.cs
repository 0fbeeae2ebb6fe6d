using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Compression.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ModelFamilies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NotMade",
                table: "compression_jobs",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NotMade",
                table: "compression_jobs");
        }
    }
}
