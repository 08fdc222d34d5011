namespace NanoTcp.Firmware
{
    /// <summary>
    /// What the platform under the application provides: a log, the board's name, the boot time, memory figures,
    /// reboot and the link driver's status. The ESP32 entry point (firmware/Device) and the host virtual board
    /// (boards/host) each implement it; the application calls it only outside the per-frame path, except
    /// <see cref="ILinkStatus"/> reads made by shell commands.
    /// </summary>
    public interface IFirmwarePlatform
    {
        /// <summary>Human-readable board name shown by <c>ifconfig</c> and the login banner, e.g. "ESP32-DevKitC (WROOM-32)".</summary>
        string BoardName { get; }

        /// <summary>
        /// The value of the application's clock (the <c>nowMs</c> passed to <see cref="FirmwareApplication.Poll"/>)
        /// at boot; <c>uptime</c> shows <c>nowMs - BootTimeMs</c>. 0 on the ESP32, where the clock is
        /// <c>Environment.TickCount64</c> (milliseconds since the CLR started).
        /// </summary>
        long BootTimeMs { get; }

        /// <summary>Writes one log line (no line terminator) to the debug output. Called for rare events only.</summary>
        void Log(string line);

        /// <summary>True when <see cref="Reboot"/> restarts the device (false on the host).</summary>
        bool CanReboot { get; }

        /// <summary>Restarts the device. Called only when <see cref="CanReboot"/> is true, after the shell's goodbye has been sent.</summary>
        void Reboot();

        /// <summary>
        /// Reports memory figures for the <c>mem</c> command (managed heap or native heap, whichever the platform
        /// knows). Returns false when the platform cannot tell.
        /// </summary>
        bool GetMemoryInfo(out uint totalBytes, out uint freeBytes, out uint largestFreeBlock);

        /// <summary>The link driver's status and counters for <c>ifconfig</c> and <c>stats</c>; null when unknown.</summary>
        ILinkStatus LinkStatus { get; }
    }
}
