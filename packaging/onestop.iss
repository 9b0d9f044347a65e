; Inno Setup script of the Windows installer: installs the PyInstaller bundle (dist\onestop,
; built from packaging\onestop.spec) per machine, with a Start-menu entry and an optional desktop
; icon, in Vietnamese or English.
;
; Needs Inno Setup 6.3 or newer (x64compatible below). Built by packaging\build, which passes the
; version read from pyproject.toml (there is no other copy of it):
;     uv run python packaging\build
; or, once dist\onestop exists:
;     iscc /DAppVersion=<pyproject.toml's version> packaging\onestop.iss
;
; Two executables, from one analysis: onestopw.exe (windowed) is what the Start menu and the
; desktop icon start; onestop.exe (console) is the command line: onestop.exe doctor, onestop.exe
; init ... The user's data (store, settings, printed PDFs) is in %LOCALAPPDATA%\onestop, per
; user: uninstalling removes the program folder only and never that data folder.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is required (ArchitecturesInstallIn64BitMode=x64compatible)
#endif
#ifndef AppVersion
  #error AppVersion is not defined: build with packaging\build, or iscc /DAppVersion=X.Y.Z (pyproject.toml's version)
#endif

[Setup]
AppId={{6F1B0C2E-3C43-4E8A-9B1E-0A5E5D3F1C01}
AppName=onestop
AppVersion={#AppVersion}
AppVerName=onestop {#AppVersion}
AppPublisher=onestop
DefaultDirName={autopf}\onestop
DefaultGroupName=onestop
OutputDir=..\dist
OutputBaseFilename=onestop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\onestop.ico
UninstallDisplayIcon={app}\onestopw.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
ShowLanguageDialog=auto
MinVersion=10.0

[Languages]
; Vietnamese: our own translation of the messages a person sees (inno\vietnamese.isl), on top
; of English for the rare others, so that no separately downloaded translation is needed.
Name: "vietnamese"; MessagesFile: "compiler:Default.isl,inno\vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
english.ConfirmUninstall=Remove %1 from this computer?%n%nThe users' data (store, settings, saved receipts) in %%LOCALAPPDATA%%\onestop is kept.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\onestop\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\onestop"; Filename: "{app}\onestopw.exe"
Name: "{group}\{cm:UninstallProgram,onestop}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\onestop"; Filename: "{app}\onestopw.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\onestopw.exe"; Description: "{cm:LaunchProgram,onestop}"; Flags: nowait postinstall skipifsilent
