namespace AeFramework.Tasks.InstanceSeg; internal static class Placeholder {}
