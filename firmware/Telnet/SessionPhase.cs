namespace NanoTcp.Firmware
{
    /// <summary>Where a telnet session is in its life.</summary>
    public enum SessionPhase
    {
        /// <summary>The slot is unused.</summary>
        Free = 0,
        /// <summary>Connected, waiting for the password (the shell is unreachable).</summary>
        Login,
        /// <summary>Logged in: lines are shell commands.</summary>
        Shell,
        /// <summary>Ending: the remaining output is being handed to TCP, then the connection is closed.</summary>
        Closing,
    }
}
