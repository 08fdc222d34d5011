namespace NanoTcp.Firmware
{
    /// <summary>Telnet option codes this service names (IANA "Telnet Options" registry).</summary>
    public static class TelnetOption
    {
        /// <summary>Binary transmission (RFC 856). Refused: the shell is text.</summary>
        public const byte Binary = 0;
        /// <summary>Echo (RFC 857). We offer WILL ECHO so the client stops echoing locally; we refuse to let the client echo.</summary>
        public const byte Echo = 1;
        /// <summary>Suppress Go Ahead (RFC 858). Offered and accepted: with ECHO it gives character-at-a-time mode.</summary>
        public const byte SuppressGoAhead = 3;
        /// <summary>Status (RFC 859). Refused.</summary>
        public const byte Status = 5;
        /// <summary>Timing Mark (RFC 860). Always answered WILL, never remembered as a state.</summary>
        public const byte TimingMark = 6;
        /// <summary>Terminal type (RFC 1091). Refused.</summary>
        public const byte TerminalType = 24;
        /// <summary>Negotiate About Window Size (RFC 1073). Refused.</summary>
        public const byte WindowSize = 31;
        /// <summary>Linemode (RFC 1184). Refused: we edit lines ourselves.</summary>
        public const byte Linemode = 34;
    }
}
