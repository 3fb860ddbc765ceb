; Inno Setup script for the SmartPick Desktop Windows installer (per-user, no admin rights).
;
; Build on Windows, from the project root:
;   .venv\Scripts\pyinstaller build.spec --noconfirm        (makes dist\smartpick\)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\smartpick.iss
; The installer is written to dist\SmartPick-Setup-<version>.exe. AppVersion must match
; smartpick_desktop.__version__ (docs/packaging.md shows how to pass it).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "SmartPick"
#define AppExe "smartpick.exe"
#define Root "..\.."

[Setup]
; A fixed AppId keeps upgrades and the uninstaller tied to one product. Never change it.
AppId={{6C1D9B52-4E0B-4A8E-9F0B-5A3C2E7D1F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SmartPick Desktop team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=SmartPick-Setup-{#AppVersion}
SetupIconFile={#Root}\resources\icons\smartpick.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle made by build.spec.
Source: "{#Root}\dist\smartpick\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The app never writes into its folder; students' data (%LOCALAPPDATA%\SmartPick\SmartPick) is kept.
Type: dirifempty; Name: "{app}"
