// Facade of nanoFramework.Runtime.Native 1.7.11 (subset of the real listing).
namespace System
{
    public static class Environment
    {
        public static long TickCount64 => throw null;
    }
}

namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
    }

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public static class GC
    {
        public static uint Run(bool compactHeap) => throw null;
    }

    public static class SystemInfo
    {
        public static string Platform => throw null;
        public static string TargetName => throw null;
    }
}
