namespace NanoTcp.Firmware
{
    /// <summary>What <see cref="NvtParser"/> reports while it splits the telnet byte stream.</summary>
    public interface INvtReceiver
    {
        /// <summary>A data byte (IAC IAC arrives here as 255).</summary>
        void OnData(byte value);

        /// <summary>A two-byte command: IAC followed by NOP, DM, BRK, IP, AO, AYT, EC, EL or GA.</summary>
        void OnCommand(byte command);

        /// <summary>An option request: IAC WILL/WONT/DO/DONT option.</summary>
        void OnOption(byte verb, byte option);
    }
}
