"""The two builds every benchmark measures: the production build, native AOT (what
`dotnet publish src/Feed.Server -c Release` makes), and the JIT build (`dotnet build -c Release`,
as `dotnet run` runs it). Each is built once per benchmark run; MSBuild skips what is up to date."""
import os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT = os.path.join(ROOT, "src", "Feed.Server")
NATIVE = os.path.join(PROJECT, "bin", "Release", "net10.0", "linux-x64", "publish", "Feed.Server")
JIT = os.path.join(PROJECT, "bin", "Release", "net10.0", "Feed.Server.dll")


def build(which=("native", "jit")):
    """Builds both (or those named in `which`); returns {name: argv prefix}, the production build first."""
    commands = {}
    if "native" in which:
        subprocess.run(["dotnet", "publish", "-c", "Release", "-v", "q", "--nologo", PROJECT], check=True, stdout=subprocess.DEVNULL)
        commands["native AOT"] = [NATIVE]
    if "jit" in which:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "--nologo", PROJECT], check=True, stdout=subprocess.DEVNULL)
        commands["JIT"] = ["dotnet", JIT]
    return commands
