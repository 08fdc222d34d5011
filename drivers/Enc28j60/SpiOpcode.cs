namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The seven ENC28J60 SPI instructions (DS Table 4-1). Byte 0 of every instruction is a 3-bit opcode and a
    /// 5-bit argument; chip select frames each instruction (DS §4.2).
    /// </summary>
    internal static class SpiOpcode
    {
        /// <summary>Read Control Register: 000a aaaa.</summary>
        public const byte ReadControlRegister = 0x00;

        /// <summary>Read Buffer Memory: 0011 1010 (argument constant 0x1A).</summary>
        public const byte ReadBufferMemory = 0x3A;

        /// <summary>Write Control Register: 010a aaaa.</summary>
        public const byte WriteControlRegister = 0x40;

        /// <summary>Write Buffer Memory: 0111 1010 (argument constant 0x1A).</summary>
        public const byte WriteBufferMemory = 0x7A;

        /// <summary>Bit Field Set: 100a aaaa. ETH registers only (DS §4.2.5).</summary>
        public const byte BitFieldSet = 0x80;

        /// <summary>Bit Field Clear: 101a aaaa. ETH registers only (DS §4.2.5).</summary>
        public const byte BitFieldClear = 0xA0;

        /// <summary>System Reset Command: a single 0xFF byte.</summary>
        public const byte SystemReset = 0xFF;
    }
}
