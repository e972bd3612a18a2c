namespace AeFramework.Tasks.Corners; internal static class Placeholder {}
