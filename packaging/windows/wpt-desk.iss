; Inno Setup script of WPT Desk (Inno Setup 6.3 or newer). Build on Windows, from the repository root:
;
;   .venv\Scripts\python -m PyInstaller --noconfirm --clean build.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\wpt-desk.iss
;
; (the version is the package's __version__: python -c "import desktop; print(desktop.__version__)";
; without /DAppVersion it is read from the version resource build.spec puts in wpt-desk.exe).
; Output: dist\wpt-desk-<version>-setup.exe.
;
; For IT departments:
;   wpt-desk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/DIR="C:\..."] [/LOG="C:\...\setup.log"]
; installs (or upgrades) for every user of the machine without any window. A wpt-desk.toml (and the
; CA certificate it names, e.g. ca.pem) placed beside the setup .exe is copied beside wpt-desk.exe:
; a pre-configured install (see README, "wpt-desk.toml").
;
; The desks' data is per user, in %LOCALAPPDATA%\WPT\wpt-desk (platformdirs). This script never
; names that folder: upgrades replace only the program files and uninstalling removes only {app}.

#define AppName "WPT Desk"
#define AppExe "wpt-desk.exe"
#define Bundle AddBackslash(SourcePath) + "..\..\dist\wpt-desk"
#define BundleExe AddBackslash(Bundle) + AppExe

#if !FileExists(BundleExe)
  #error Build the bundle first (pyinstaller build.spec): dist\wpt-desk\wpt-desk.exe is missing
#endif
#ifndef AppVersion
  ; The version resource build.spec generates from desktop.__version__ (as X.Y.Z.0).
  #define AppVersion GetVersionNumbersString(BundleExe)
#endif

[Setup]
; AppId identifies the application for upgrades and uninstall: never change it.
AppId={{7DAF05BF-2B66-45AB-B65A-A0F9D3148EED}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Welfare Point Territoriale - Citta metropolitana di Torino
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per machine: Program Files, for every user; needs administrator rights (IT installs it).
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Upgrades: close a running WPT Desk first (Restart Manager), reuse the previous folder.
CloseApplications=yes
UsePreviousAppDir=yes
SetupIconFile=..\..\resources\icons\wpt-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=wpt-desk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A clean program folder on upgrade (no library left over from the previous version). Only {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Pre-configured install: the network's wpt-desk.toml and certificates beside the setup .exe, if any.
Source: "{src}\wpt-desk.toml"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist ignoreversion
Source: "{src}\*.pem"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist ignoreversion
Source: "{src}\*.crt"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Offered at the end of an interactive install; runs as the user who started Setup (postinstall), so the
; data folder is created in that user's profile. Never in silent installs.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: uninstall removes exactly what was installed in {app}. The data folder
; (%LOCALAPPDATA%\WPT\wpt-desk of each user) stays, so reinstalling finds every desk's data.
