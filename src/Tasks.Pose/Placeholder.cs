namespace AeFramework.Tasks.Pose; internal static class Placeholder {}
