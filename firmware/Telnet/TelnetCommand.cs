namespace NanoTcp.Firmware
{
    /// <summary>The telnet command bytes that follow IAC (RFC 854, "TELNET COMMAND STRUCTURE").</summary>
    public static class TelnetCommand
    {
        /// <summary>End of subnegotiation parameters.</summary>
        public const byte SE = 240;
        /// <summary>No operation.</summary>
        public const byte NOP = 241;
        /// <summary>Data Mark: the data-stream part of a Synch.</summary>
        public const byte DM = 242;
        /// <summary>Break.</summary>
        public const byte BRK = 243;
        /// <summary>Interrupt Process (what a telnet client sends for Ctrl-C in line mode).</summary>
        public const byte IP = 244;
        /// <summary>Abort Output.</summary>
        public const byte AO = 245;
        /// <summary>Are You There.</summary>
        public const byte AYT = 246;
        /// <summary>Erase Character.</summary>
        public const byte EC = 247;
        /// <summary>Erase Line.</summary>
        public const byte EL = 248;
        /// <summary>Go Ahead (meaningless once SUPPRESS-GO-AHEAD is on, RFC 858).</summary>
        public const byte GA = 249;
        /// <summary>Start of subnegotiation.</summary>
        public const byte SB = 250;
        /// <summary>Sender wants to enable, or confirms it enabled, an option on its side.</summary>
        public const byte WILL = 251;
        /// <summary>Sender refuses, or confirms it disabled, an option on its side.</summary>
        public const byte WONT = 252;
        /// <summary>Sender asks the receiver to enable, or confirms the receiver may enable, an option.</summary>
        public const byte DO = 253;
        /// <summary>Sender asks the receiver to disable, or refuses to let it enable, an option.</summary>
        public const byte DONT = 254;
        /// <summary>Interpret As Command; doubled (IAC IAC) it is the data byte 255.</summary>
        public const byte IAC = 255;
    }
}
