namespace NanoTcp.Firmware
{
    /// <summary>What one input byte did to the line being edited (<see cref="NvtLineEditor.Feed"/>).</summary>
    public enum LineEvent
    {
        /// <summary>Nothing to act on (a character was added, erased or ignored).</summary>
        None = 0,
        /// <summary>End of line: the line is in <see cref="NvtLineEditor.Line"/>.</summary>
        Completed,
        /// <summary>End of line after input longer than the limit: the line was discarded.</summary>
        TooLong,
        /// <summary>Ctrl-C (or IAC IP): the line was discarded, a running command should stop.</summary>
        Interrupt,
        /// <summary>Ctrl-U (or IAC EL): the line was erased.</summary>
        Erased,
        /// <summary>Ctrl-D on an empty line: the user wants to log out.</summary>
        EndOfInput,
    }
}
