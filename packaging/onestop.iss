; Inno Setup script for Windows: installs the PyInstaller build (dist\onestop) per machine, with a
; Start-menu entry and an optional desktop icon. Build the folder first (see onestop.spec), then:
;     iscc packaging\onestop.iss
; The store and settings are per user (%LOCALAPPDATA%\onestop): uninstalling keeps them.

#define AppVersion "0.1.0"

[Setup]
AppId={{6F1B0C2E-3C43-4E8A-9B1E-0A5E5D3F1C01}
AppName=onestop
AppVerName=onestop {#AppVersion}
AppPublisher=onestop
DefaultDirName={autopf}\onestop
DefaultGroupName=onestop
OutputDir=..\dist
OutputBaseFilename=onestop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\onestop.ico
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin

[Languages]
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\onestop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\onestop"; Filename: "{app}\onestop.exe"
Name: "{group}\{cm:UninstallProgram,onestop}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\onestop"; Filename: "{app}\onestop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\onestop.exe"; Description: "{cm:LaunchProgram,onestop}"; Flags: nowait postinstall skipifsilent
